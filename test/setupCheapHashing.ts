import { setPasswordHashCostForTests } from '../server/auth/passwords';

// Every test process (vitest.config.ts setupFiles): argon2id at its smallest cost for the passwords
// the tests seed and check (memory 1 MiB, one pass instead of 19 MiB and two). What a test proves
// about passwords does not depend on the cost: a check reads the cost from the stored hash. The
// production cost is asserted in test/server/passwordCost.test.ts.
setPasswordHashCostForTests({ memoryCost: 1024, timeCost: 1 });
