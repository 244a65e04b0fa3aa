// Set for every test file under jest.stryker.config.js: the functions' tests load functions/*.ts, not dist/.
process.env.TOKEN_FUNCTIONS_FROM_SOURCE = "1";
// Tests of work at the largest sizes (tens of seconds each) skip themselves under Stryker: run per mutant they
// would take most of a session, and the smaller tests beside them check the same code.
process.env.TOKEN_MUTATION_RUN = "1";
