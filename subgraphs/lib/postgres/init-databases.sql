-- One database per youth-care region (CBS codes), as in production. The postgres image
-- runs this only when its data volume is empty; each subgraph applies its own migrations.
CREATE DATABASE region_jz35;
CREATE DATABASE region_jz33;
CREATE DATABASE region_jz21;
CREATE DATABASE region_jz43;
CREATE DATABASE region_jz34;
-- The shared national source: open data such as CBS tables (monitoring).
CREATE DATABASE national;
