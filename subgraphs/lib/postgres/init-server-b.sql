-- Database server B of docker-compose.yml: FoodValley and Midden-Limburg West, apart from the
-- Brabant regions on server A, so one server down takes only its own regions with it.
CREATE DATABASE region_jz21;
CREATE DATABASE region_jz43;
