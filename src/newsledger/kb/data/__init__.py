"""YAML data of the knowledge base (a package only so that the files ship in the wheel)."""
