// An OpenID Connect provider for the test suite: panva's certified `oidc-provider` on loopback,
// with one client that authenticates at the token endpoint by private_key_jwt (RFC 7523), as
// login.gov's clients do. The test passes everything in OIDC_TEST_PROVIDER (JSON):
//   { "port": 0, "client": { client metadata, with "jwks" holding the public key },
//     "accounts": { "<sub>": { "email": "...", "email_verified": true, "amr": [...] } } }
// It prints "listening <issuer>" once it accepts connections.
import Provider from 'oidc-provider';

const { port, client, accounts } = JSON.parse(process.env.OIDC_TEST_PROVIDER);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [client],
  async findAccount(ctx, sub) {
    if (!accounts[sub]) return undefined;
    return { accountId: sub, async claims() { return { sub, ...accounts[sub] }; } };
  },
  // amr from the account's claims, so that a test can say the provider checked a second factor.
  claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-provider-cookie-key'] },
});
// Token endpoint errors, so that a failing test shows why the provider refused the client.
provider.on('grant.error', (ctx, error) => console.error(`grant.error ${error.message} ${error.error_description ?? ''}`));

provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
