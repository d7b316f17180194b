"""Both searches: the index the browser reads (built with the same JavaScript pipeline the browser runs) and the
command-line search (a whoosh index ranked with numpy)."""
