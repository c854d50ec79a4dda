"""What the batch's fork server imports before it forks a worker: the report parser, built.

Every worker forked from the server then starts with the LALR tables in its memory instead
of loading (or, on a machine's first run, deriving) them again, which costs a worker more
than parsing a report does.
"""

from ._build import DocumentBuilder
from ._grammar import parser

parser(DocumentBuilder)
