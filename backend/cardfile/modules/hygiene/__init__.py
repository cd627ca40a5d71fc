"""List hygiene: address checks shared with imports, hygiene runs and their schedule."""
