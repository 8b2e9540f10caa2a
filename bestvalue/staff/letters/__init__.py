"""The letters room of the staff interface: draft letters to preview and download, and the import
of an existing letter into a draft notice."""
