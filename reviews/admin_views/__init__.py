"""Admin screens: the moderators' queues and audit log, and the clinic managers' reviews and testimonials."""
