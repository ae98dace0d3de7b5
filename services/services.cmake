# The services that own a database (<name>.database, <name>.listen), in the
# order they start. This is the one list: the configuration schema
# (services/laso_schema.cc, generated from it), `laso config services` (which
# tools/up and the benches read), the e2e stack and the test build all follow
# it, so a new service is added here and in its own folder.
set(LASO_SERVICES feedback dossier billing waste notify staff privacy)
