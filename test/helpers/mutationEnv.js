// Set for every test file under jest.stryker.config.js: the functions' tests load functions/*.ts, not dist/.
process.env.TOKEN_FUNCTIONS_FROM_SOURCE = "1";
