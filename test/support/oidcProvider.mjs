/**
 * A real OpenID Connect provider on loopback for tests (the `oidc-provider` package, with its
 * development login and consent pages). Run: node oidcProvider.mjs <port> <redirectUri>
 * Accounts: any login name; the name's part before "+" picks the groups (see GROUPS).
 */
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const GROUPS = {
  farsta: ['sthlm-alla', 'sthlm-tib-farsta'],
  chef: ['sthlm-stadsdirektor'],
  ingen: ['sthlm-alla'],
};
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'lagesbild',
      client_secret: 'test-hemlighet-som-ar-lang-nog',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'groups'] },
  cookies: { keys: ['only-for-tests'] },
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({
      sub,
      name: `Testperson ${sub}`,
      groups: GROUPS[sub.split('+')[0]] ?? [],
    }),
  }),
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider ready on ${port}`));
