"""Background work: the outbox sender, the monitors and the scheduled chores."""
