-- Database server A of docker-compose.yml: the Brabant regions (CBS codes) and the shared
-- national source. The postgres image runs this only when its data volume is empty; each
-- subgraph applies its own migrations.
CREATE DATABASE region_jz35;
CREATE DATABASE region_jz33;
CREATE DATABASE region_jz34;
-- Open data such as CBS tables (monitoring).
CREATE DATABASE national;
