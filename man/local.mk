## man/local.mk: pages shared by every tool (each tool's local.mk adds its own).
dist_man_MANS += man/osc-traces.5
dist_man_MANS += man/osconcepts.7
