-- 005: API tokens issued from the command line have no issuing user (the audit log names the system).
ALTER TABLE api_tokens ALTER COLUMN created_by DROP NOT NULL;
