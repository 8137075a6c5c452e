"""Extraction: an article's text in, its stated counts out (ingest.extract.article.reader).

Importing the package loads the mypyc build of its modules where there is one of the sources as
they are (ingest.extract.compiled); otherwise it runs as pure Python.
"""

from ingest.extract.compiled import use_if_built

use_if_built()
