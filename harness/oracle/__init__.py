"""The oracle: what the app received (traffic), the patient read from it (patient), the shapes
and premises scenarios ask for, and reading a patient outside the browser (observe)."""
