"""A guide file: its model (the contract), safe YAML loading, the rules across its fields, their wording, placeholders."""
