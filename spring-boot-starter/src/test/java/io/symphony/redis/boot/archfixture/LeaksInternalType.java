package io.symphony.redis.boot.archfixture;

import io.symphony.redis.boot.archfixture.internal.Helper;
import java.util.List;

/** A public type that exposes an internal type four ways, so ArchitectureUnitTests can show the rule sees each. */
public class LeaksInternalType implements Helper {

    /** A public field of an internal element type. */
    public List<Helper> exposed = List.of();

    /** Return an internal type. */
    public Helper helper() {
        return this;
    }

    /** Take an internal type. */
    public void accept(Helper helper) {
        exposed = List.of(helper);
    }

    /** Package-private: not part of the signature the rule checks. */
    void hidden(Helper helper) {
        exposed = List.of(helper);
    }
}
