-- 001: the foundation. The application connects as `rudi_app`, a role that owns no table and is no
-- superuser, so that grants and row-level security bind it; every later migration grants it exactly
-- what it needs. schema_migrations is created by the migrator itself before this file runs.
GRANT USAGE ON SCHEMA public TO rudi_app;
GRANT SELECT ON schema_migrations TO rudi_app;
