package io.symphony.redis.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One SCAN query of a repository: the pattern, the paired strict parser (mapped back to the key the factory
 * would build from what it parsed) and the set of factory keys that belong to the caller's scope.
 */
record ScopeQuery(String name, String pattern, Function<String, Optional<String>> parseAndRebuild,
        Predicate<KeyTuple> inScope) {

    @Override
    public String toString() {
        return name + " -> " + pattern;
    }

    /** Every pattern/parser pair of {@code f} for one tenant, user (also used as table/pkid/identifier). */
    static List<ScopeQuery> all(KeyFactory f, String tenant, String user, String other) {
        List<ScopeQuery> queries = new ArrayList<>();
        queries.add(new ScopeQuery("users(" + tenant + ")", f.userPattern(tenant),
                k -> f.parseUserId(tenant, k).map(u -> f.userKey(tenant, u)),
                t -> t.is(KeyTuple.Kind.USER, tenant)));
        queries.add(new ScopeQuery("tableRows(" + tenant + "," + other + ")", f.tableRowPattern(tenant, other),
                k -> f.parseTableRow(tenant, k).filter(r -> r.table().equals(other))
                        .map(r -> f.tableRowKey(tenant, r.table(), r.pkid())),
                t -> t.is(KeyTuple.Kind.TABLE, tenant) && t.part(1).equals(other)));
        queries.add(new ScopeQuery("rowsByPkid(" + tenant + "," + other + ")",
                f.tableRowsByPkidPattern(tenant, other),
                k -> f.parseTableRow(tenant, k).filter(r -> r.pkid().equals(other))
                        .map(r -> f.tableRowKey(tenant, r.table(), r.pkid())),
                t -> t.is(KeyTuple.Kind.TABLE, tenant) && t.part(2).equals(other)));
        queries.add(new ScopeQuery("triggersById(" + tenant + "," + other + ")",
                f.triggersByIdentifierPattern(tenant, other),
                k -> f.parseTriggerAction(tenant, other, k).map(a -> f.triggerKey(tenant, a, other)),
                t -> t.is(KeyTuple.Kind.TRIGGER, tenant) && t.part(2).equals(other)));
        queries.add(new ScopeQuery("sharedStates(" + tenant + "," + user + ")", f.sharedStatesPattern(tenant, user),
                k -> f.parseSharedStateName(tenant, user, k).map(s -> f.sharedStateKey(tenant, s, user)),
                t -> t.is(KeyTuple.Kind.SHARED, tenant) && t.last().equals(user)));
        queries.add(new ScopeQuery("handlerStates(" + tenant + "," + user + ")",
                f.handlerStatesPattern(tenant, user),
                k -> f.parseHandlerName(tenant, user, k).map(h -> f.handlerStateKey(tenant, h, user)),
                t -> t.is(KeyTuple.Kind.HANDLER, tenant) && t.last().equals(user)));
        return queries;
    }
}
