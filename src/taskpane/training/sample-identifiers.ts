// The sample identifiers moved beside the rules' training examples, which build on them.
export * from '../../rules/support/sample-identifiers';
