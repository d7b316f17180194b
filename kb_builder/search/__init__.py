"""Both searches, under one policy (`policy.json`, read by `policy`): the index the browser reads (built with the
same JavaScript pipeline the browser runs, carrying the policy) and the command-line search (a whoosh index ranked
by the same arithmetic)."""
