// Placeholder until the test files land.
