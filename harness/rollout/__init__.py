"""The staged rollout: gate maths and stages (stages) and the cohort of simulated patients
behind a percentage gate (cohort)."""
