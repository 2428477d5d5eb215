"""mdbabel: translate a Markdown site through Babel gettext catalogs.

The core (segments, translate, checks, slugs) is pure Python over strings and
imports nothing from MkDocs; the MkDocs plugin, the Babel extractor and the
command line are thin adapters over it.
"""

__version__ = "0.1.0"
