// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Who sees what in a clinic's PostgreSQL store (schema 5, {@code db/store/postgresql}): the
 * database roles of the physiotherapists (group {@value #PHYSIO_GROUP}) and of the sync workers
 * (group {@value #SYNC_GROUP}), and which physiotherapist each strap is assigned to. Row-level
 * security then lets a physiotherapist read only the sessions of their straps. Run as the store's
 * owner (a role with CREATEROLE).
 */
public final class ClinicAccess {

    /** The group role of the physiotherapists' roles. */
    public static final String PHYSIO_GROUP = "backbeat_physio";
    /** The group role of the sync workers' roles. */
    public static final String SYNC_GROUP = "backbeat_sync";
    /** A role name this command creates: lower case letters, digits and '_', starting with a letter, at most 63. */
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final SessionStore store;
    private final Clock clock;

    /** @throws StoreException if {@code store} is not a PostgreSQL store */
    public ClinicAccess(SessionStore store) throws StoreException {
        this(store, Clock.systemUTC());
    }

    ClinicAccess(SessionStore store, Clock clock) throws StoreException {
        if (store.engine() != StoreEngine.POSTGRESQL) {
            throw new StoreException("store " + store.location() + " is an SQLite file, which has no users: "
                    + "clinic roles need a PostgreSQL store (--store postgresql://HOST/DB)");
        }
        this.store = store;
        this.clock = clock;
    }

    /** A strap and the physiotherapist whose people wear it. */
    public record Assignment(String deviceId, String physioRole, Instant assignedAt) {
    }

    /** Creates a physiotherapist's login role, which reads the sessions of the straps assigned to it. */
    public void addPhysiotherapist(String role, char[] password) throws StoreException {
        addLoginRole(role, password, PHYSIO_GROUP);
    }

    /** Creates a sync worker's login role, which writes and reads every session. */
    public void addSyncWorker(String role, char[] password) throws StoreException {
        addLoginRole(role, password, SYNC_GROUP);
    }

    private void addLoginRole(String role, char[] password, String group) throws StoreException {
        requireRoleName(role);
        if (password.length == 0) {
            throw new StoreException("the password of role " + role + " is empty");
        }
        try (Connection connection = store.database().connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("CREATE ROLE " + role + " LOGIN IN ROLE " + group);
            // the driver hashes the password (SCRAM) before it leaves this process: the server never logs it
            connection.unwrap(PGConnection.class).alterUserPassword(role, password, "scram-sha-256");
            connection.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot add role " + role + " to " + group + " in " + store.location() + ": "
                    + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** Assigns a strap to a physiotherapist (replacing an earlier assignment of the strap). */
    public void assign(String deviceId, String physioRole) throws StoreException {
        requireRoleName(physioRole);
        try (Connection connection = store.database().connection()) {
            try (PreparedStatement member = connection.prepareStatement(
                    "SELECT pg_has_role(?, '" + PHYSIO_GROUP + "', 'MEMBER')")) {
                member.setString(1, physioRole);
                try (ResultSet row = member.executeQuery()) {
                    if (!row.next() || !row.getBoolean(1)) {
                        throw new StoreException("role " + physioRole + " is not a physiotherapist of this clinic "
                                + "(add it with 'backbeat clinic add-physio " + physioRole + "')");
                    }
                }
            } catch (SQLException noSuchRole) {
                throw new StoreException("there is no role " + physioRole + " on " + store.location()
                        + " (add it with 'backbeat clinic add-physio " + physioRole + "')", noSuchRole);
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO clinic_assignments (device_id, physio_role, assigned_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (device_id) DO UPDATE SET physio_role = excluded.physio_role, "
                            + "assigned_at = excluded.assigned_at")) {
                upsert.setString(1, deviceId);
                upsert.setString(2, physioRole);
                upsert.setString(3, Instant.now(clock).toString());
                upsert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot assign strap " + deviceId + " in " + store.location() + ": " + e.getMessage(), e);
        }
    }

    /** The straps' assignments this role may see (all of them for the owner), by strap. */
    public List<Assignment> assignments() throws StoreException {
        try (Connection connection = store.database().connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT device_id, physio_role, assigned_at FROM clinic_assignments ORDER BY device_id")) {
            List<Assignment> assignments = new ArrayList<>();
            while (rows.next()) {
                assignments.add(new Assignment(rows.getString(1), rows.getString(2), Instant.parse(rows.getString(3))));
            }
            return assignments;
        } catch (SQLException e) {
            throw new StoreException("reading the assignments of " + store.location() + " failed: " + e.getMessage(), e);
        }
    }

    private static void requireRoleName(String role) throws StoreException {
        if (!ROLE_NAME.matcher(role).matches()) {
            throw new StoreException("role name '" + role + "' is not allowed: lower case letters, digits and '_', "
                    + "starting with a letter, at most 63 characters");
        }
    }
}
