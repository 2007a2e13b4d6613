"""The one-time server setup of a team database, as SQL (rendered by team_roles.render_setup_sql).

Applied by the tables' owner after the migrations, in one transaction; it
can be applied again at any time (after an upgrade it must be, so new tables
get their grants). Placeholders, replaced before it runs: @schema@, the
tables' schema, and @analysts@ / @reviewers@, the two group roles, as quoted
identifiers; @analysts_name@ / @reviewers_name@, the same names as string
literals.

What it sets up:

* the group roles: every analyst's login role is a member of @analysts@;
  a reviewer's also of @reviewers@ (itself a member of @analysts@);
* privileges: read everything; add and change rows; delete only where the
  application deletes (rejected suggestions, speaker aliases); the event log
  only read and appended to; no TRUNCATE anywhere;
* triggers that check each row against the analyst the session's login role
  is (`analysts.db_role = session_user`): statements and evidence are changed
  only by their analyst or a reviewer; rows that name who made them (claims,
  decisions, events) name the session's own analyst; the event log is never
  changed or deleted; no analyst renames another or gives a role a name;
  an article's text stays as it was stored.

Sessions that can act as the tables' owner (the owner, superusers) are not
checked: migrations, administration and a single-user server work as before.
The functions pin their search path, the temporary schema last, so a
session's temporary table cannot stand in for `analysts`.
"""

from __future__ import annotations

SETUP_TEMPLATE = r"""
-- Karabakh Annotator: team accounts and permissions (one transaction; safe to apply again).

-- Group roles (cluster-wide): created once, then left as they are.
DO $setup$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = @analysts_name@) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', @analysts_name@);
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = @reviewers_name@) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', @reviewers_name@);
    END IF;
    IF NOT pg_has_role(@reviewers_name@, @analysts_name@, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', @analysts_name@, @reviewers_name@);
    END IF;
END
$setup$;

-- Only the team connects to this database (when the applier owns it).
DO $setup$
BEGIN
    IF pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') THEN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), @analysts_name@);
    ELSE
        RAISE NOTICE 'not the database owner: CONNECT left as it is (grant it to %)', @analysts_name@;
    END IF;
    -- Nobody but the owner creates objects next to the tables (the default since PostgreSQL 15).
    IF pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = current_schema()), 'MEMBER') THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), @analysts_name@);
    END IF;
END
$setup$;

-- Privileges: set from scratch each time, so a second run also removes stray ones.
REVOKE ALL ON ALL TABLES IN SCHEMA @schema@ FROM @analysts@, @reviewers@;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA @schema@ FROM @analysts@, @reviewers@;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA @schema@ TO @analysts@;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA @schema@ TO @analysts@;
REVOKE INSERT, UPDATE ON @schema@.alembic_version FROM @analysts@;
REVOKE UPDATE ON @schema@.events FROM @analysts@;
GRANT DELETE ON @schema@.suggestion_decisions, @schema@.match_decisions, @schema@.entity_aliases TO @analysts@;

-- The names of the two groups, for the checks below and for team-add-analyst.
CREATE OR REPLACE FUNCTION @schema@.karabakh_team_group(kind text) RETURNS name
    LANGUAGE sql IMMUTABLE SET search_path = @schema@, pg_temp
    AS $fn$ SELECT CASE kind WHEN 'analyst' THEN @analysts_name@::name WHEN 'reviewer' THEN @reviewers_name@::name END $fn$;

-- Whether the session may act as the tables' owner (the owner, superusers): then nothing is checked.
CREATE OR REPLACE FUNCTION @schema@.karabakh_session_is_owner() RETURNS boolean
    LANGUAGE sql STABLE SET search_path = @schema@, pg_temp
    AS $fn$ SELECT pg_has_role(session_user, relowner, 'MEMBER') FROM pg_class WHERE oid = 'events'::regclass $fn$;

-- The analyst the session's login role is (NULL: none).
CREATE OR REPLACE FUNCTION @schema@.karabakh_session_analyst() RETURNS integer
    LANGUAGE sql STABLE SET search_path = @schema@, pg_temp
    AS $fn$ SELECT id FROM analysts WHERE db_role = session_user::text $fn$;

-- An analyst's name for a message.
CREATE OR REPLACE FUNCTION @schema@.karabakh_analyst_label(analyst integer) RETURNS text
    LANGUAGE sql STABLE SET search_path = @schema@, pg_temp
    AS $fn$ SELECT coalesce((SELECT name FROM analysts WHERE id = analyst), 'analyst ' || analyst, 'nobody') $fn$;

-- Who a checked session may name on a row: itself; a reviewer also a name with no login
-- (the gold set, names from imported files).
CREATE OR REPLACE FUNCTION @schema@.karabakh_may_name(me integer, named integer) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = @schema@, pg_temp
    AS $fn$
        SELECT named = me OR (
            pg_has_role(session_user, karabakh_team_group('reviewer'), 'MEMBER')
            AND EXISTS (SELECT FROM analysts WHERE id = named AND db_role IS NULL)
        )
    $fn$;

-- The analyst of a checked session; a login role no analyst has is refused.
CREATE OR REPLACE FUNCTION @schema@.karabakh_checked_analyst() RETURNS integer
    LANGUAGE plpgsql STABLE SET search_path = @schema@, pg_temp
    AS $fn$
DECLARE
    me integer := karabakh_session_analyst();
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('the server account %s is not an analyst of this database', session_user),
            HINT = 'The team''s administrator adds it with karabakh-annotator team-add-analyst.';
    END IF;
    RETURN me;
END
$fn$;

-- Rows that belong to an analyst or name who made them. Arguments: the column naming the
-- analyst, what the row is called in messages, and 'owned' (only its analyst or a reviewer
-- changes or deletes it) or 'signed' (anyone changes it, but it only ever names oneself).
CREATE OR REPLACE FUNCTION @schema@.karabakh_guard_row() RETURNS trigger
    LANGUAGE plpgsql SET search_path = @schema@, pg_temp
    AS $fn$
DECLARE
    col text := TG_ARGV[0];
    kind text := TG_ARGV[1];
    me integer;
    old_analyst integer;
    new_analyst integer;
BEGIN
    IF karabakh_session_is_owner() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    me := karabakh_checked_analyst();
    IF TG_OP <> 'INSERT' THEN
        old_analyst := (to_jsonb(OLD) ->> col)::integer;
        IF TG_ARGV[2] = 'owned' AND old_analyst IS DISTINCT FROM me
                AND NOT pg_has_role(session_user, karabakh_team_group('reviewer'), 'MEMBER') THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('%s %s belongs to %s; only a reviewer may change it',
                                 kind, OLD.id, karabakh_analyst_label(old_analyst));
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    new_analyst := (to_jsonb(NEW) ->> col)::integer;
    IF (TG_OP = 'INSERT' OR new_analyst IS DISTINCT FROM old_analyst)
            AND NOT coalesce(karabakh_may_name(me, new_analyst), false) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('you are connected as %s: a %s can only be saved under your own name, not %s',
                             karabakh_analyst_label(me), kind, karabakh_analyst_label(new_analyst));
    END IF;
    RETURN NEW;
END
$fn$;

-- The event log: appended to under one's own name, never changed, deleted or truncated.
CREATE OR REPLACE FUNCTION @schema@.karabakh_guard_event() RETURNS trigger
    LANGUAGE plpgsql SET search_path = @schema@, pg_temp
    AS $fn$
DECLARE
    me integer;
BEGIN
    IF karabakh_session_is_owner() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD WHEN 'TRUNCATE' THEN NULL ELSE NEW END;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'the event log is append-only: its rows cannot be changed or deleted';
    END IF;
    me := karabakh_checked_analyst();
    -- The server knows who is connected: an event naming nobody names them.
    NEW.analyst_id := coalesce(NEW.analyst_id, me);
    IF NOT karabakh_may_name(me, NEW.analyst_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('you are connected as %s: the event log records your changes under your own name, not %s',
                             karabakh_analyst_label(me), karabakh_analyst_label(NEW.analyst_id));
    END IF;
    RETURN NEW;
END
$fn$;

-- Analysts: a checked session adds names (db_role empty) and renames only itself; login
-- roles are given to analysts by the administrator alone.
CREATE OR REPLACE FUNCTION @schema@.karabakh_guard_analyst() RETURNS trigger
    LANGUAGE plpgsql SET search_path = @schema@, pg_temp
    AS $fn$
DECLARE
    me integer;
BEGIN
    IF karabakh_session_is_owner() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    me := karabakh_checked_analyst();
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only the administrator removes an analyst (%s)', OLD.name);
    END IF;
    IF NEW.db_role IS DISTINCT FROM (CASE TG_OP WHEN 'UPDATE' THEN OLD.db_role END) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'only the administrator gives an analyst a server account (karabakh-annotator team-add-analyst)';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name AND OLD.id <> me THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only %s or the administrator may rename analyst %s', OLD.name, OLD.name);
    END IF;
    RETURN NEW;
END
$fn$;

-- Articles: their text is never changed once stored (statements point into it).
CREATE OR REPLACE FUNCTION @schema@.karabakh_guard_article() RETURNS trigger
    LANGUAGE plpgsql SET search_path = @schema@, pg_temp
    AS $fn$
BEGIN
    IF NOT karabakh_session_is_owner()
            AND (NEW.text, NEW.raw, NEW.content_hash) IS DISTINCT FROM (OLD.text, OLD.raw, OLD.content_hash) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('the text of article %s is never changed once stored', OLD.id);
    END IF;
    RETURN NEW;
END
$fn$;

-- The triggers (dropped and created again, so this script can run any number of times).
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.statements;
CREATE TRIGGER karabakh_guard BEFORE INSERT OR UPDATE OR DELETE ON @schema@.statements
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_row('analyst_id', 'statement', 'owned');
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.evidence;
CREATE TRIGGER karabakh_guard BEFORE INSERT OR UPDATE OR DELETE ON @schema@.evidence
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_row('analyst_id', 'evidence', 'owned');
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.claims;
CREATE TRIGGER karabakh_guard BEFORE INSERT OR UPDATE ON @schema@.claims
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_row('created_by_id', 'claim', 'signed');
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.suggestion_decisions;
CREATE TRIGGER karabakh_guard BEFORE INSERT OR UPDATE ON @schema@.suggestion_decisions
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_row('analyst_id', 'suggestion decision', 'signed');
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.match_decisions;
CREATE TRIGGER karabakh_guard BEFORE INSERT OR UPDATE ON @schema@.match_decisions
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_row('analyst_id', 'match decision', 'signed');
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.articles;
CREATE TRIGGER karabakh_guard BEFORE UPDATE ON @schema@.articles
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_article();
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.analysts;
CREATE TRIGGER karabakh_guard BEFORE INSERT OR UPDATE OR DELETE ON @schema@.analysts
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_analyst();
DROP TRIGGER IF EXISTS karabakh_guard ON @schema@.events;
CREATE TRIGGER karabakh_guard BEFORE INSERT OR UPDATE OR DELETE ON @schema@.events
    FOR EACH ROW EXECUTE FUNCTION @schema@.karabakh_guard_event();
DROP TRIGGER IF EXISTS karabakh_guard_truncate ON @schema@.events;
CREATE TRIGGER karabakh_guard_truncate BEFORE TRUNCATE ON @schema@.events
    FOR EACH STATEMENT EXECUTE FUNCTION @schema@.karabakh_guard_event();

"""
