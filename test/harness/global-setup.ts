// Filled in by the PostgreSQL harness: starts a throw-away cluster when TEST_POSTGRES is not "off".
export default async function setup() {}
