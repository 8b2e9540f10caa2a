"""The staff room for improvement and assurance (bestvalue/improvement/README.md lists its pages
and who may use them): views by subject, their forms, and urls.py."""
