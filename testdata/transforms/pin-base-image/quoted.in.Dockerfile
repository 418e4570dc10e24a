FROM "python"
FROM pyth\
on
