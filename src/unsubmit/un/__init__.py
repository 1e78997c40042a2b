"""UN practice: mandates and routing, speaking time, signatories, consent and public versions."""
