"""Framework-free domain: enums, errors, schemas, rules."""
