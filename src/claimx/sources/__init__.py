"""Attribution: who makes each claim (reporting verbs, "according to", quotations)."""
