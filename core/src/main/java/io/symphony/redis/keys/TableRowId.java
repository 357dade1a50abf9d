package io.symphony.redis.keys;

import java.util.Objects;

/**
 * The table name and primary key of a parsed table-row key, both unescaped.
 *
 * @param table the table name, unescaped
 * @param pkid the primary key, unescaped
 * @see KeyFactory#parseTableRow(String, String)
 * @since 0.1
 */
public record TableRowId(String table, String pkid) {

    /** Reject {@code null} parts. */
    public TableRowId {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(pkid, "pkid");
    }
}
