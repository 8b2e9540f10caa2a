"""What the public interfaces share: the register pages and the JSON API both show the public
record, so how it is named and dated (`naming`), each authority's timeline (`timeline`) and the
caching of public responses (`caching`) live here, below both, so that neither interface imports
the other. No models, no views, no URLs of its own (it links to the register's public pages)."""
