"""The schema this package was generated from (written by `make generate`; never edit)."""

from .. import SchemaInfo

SCHEMA = SchemaInfo(
    platform="monailabel",
    title="MONAILabel",
    version="0.8.5",
    source="GET /openapi.json of a real MONAI Label 0.8.5 server (auth on; tools/servers/monailabel.py, make schemas-pull), patched by schemas/monailabel/patch.yaml",
    sha256="90acafb1cbea2a34ba51944dbaaca5a2f2cd83a319029e9836c72325b75dcc30",
    file="openapi.json",
)
