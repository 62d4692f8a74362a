"""Drawing: program + view + params + limits -> scene v2 (sampling, the view rule, features)."""
