"""Inputs for the secret-scan benchmark (tests/bench/bench-scan.sh).

    generate_scan_tree.py tree ROOT MEGABYTES PLANTED.tsv
        writes about MEGABYTES of source-like files into ROOT;
    generate_scan_tree.py history COMMITS PLANTED.tsv > stream
        prints a `git fast-import` stream of a repository with COMMITS commits.

Both plant a few credentials and list them in PLANTED.tsv, one per line:
Slipway's rule, path, first line of the planted text, line of the secret (they
differ for a PEM key, whose BEGIN line comes first), the secret; for history
also the fast-import marks of the commit that adds it and of the one that
removes it (0: never removed). The benchmark checks that every tool really
found them. The credentials are random strings in each vendor's format,
made here at run time: no secret is written in this file.

What the files look like matters more than their number: a scanner's speed
depends on how often the literals its rules start from (`key`, `token`,
`secret`, `password`, `AKIA`, `eyJ`, `://`) occur. So the text is assembled
from blocks that imitate real code and data — Python, JavaScript, TypeScript,
Go, Java, C, Markdown, YAML, package-lock JSON with SRI hashes, logs with
UUIDs and commit ids, minified JavaScript, CSV, HTML with base64 images — and
it uses those words as often as real code does (reading a password from the
environment, passing a token on), without being secrets. Sizes are skewed like
a real repository: mostly small files, a few of several megabytes (logs,
lockfiles, bundles), none above Slipway's 10 MiB default limit.

Fast on purpose: each kind gets a pool of randomised blocks once, and files
are drawn from the pools, so 1 GB takes well under a minute. Deterministic
(seeded), so every run and every tool sees the same bytes.
"""
import base64
import os
import random
import string
import sys

ALNUM = string.ascii_letters + string.digits
WORDS = (
    "account order payment invoice customer user session cache queue worker item index value buffer stream "
    "event handler request response client server config setting option record entry batch job task report "
    "metric counter timer retry limit window offset cursor page result status state message channel topic "
    "schema table column field node edge graph tree path route endpoint service module plugin adapter store"
).split()
PROSE = (
    "the a an of to in for on with by from this that each every when then if only also not can must should "
    "will run build deploy scan release version branch commit merge review test check report file folder "
    "configure install update remove replace keep read write open close start stop wait retry fail pass"
).split()


class Blocks:
    """Pools of text blocks per file kind, each block a few lines ending in a newline."""

    def __init__(self, rng):
        self.rng = rng
        self.pools = {}

    # --- small random helpers
    def word(self):
        return self.rng.choice(WORDS)

    def name(self):
        return self.word() + "_" + self.word()

    def camel(self):
        return self.word() + self.word().capitalize()

    def pascal(self):
        return self.word().capitalize() + self.word().capitalize()

    def const(self):
        return (self.word() + "_" + self.word()).upper()

    def hex(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def uuid(self):
        return f"{self.hex(8)}-{self.hex(4)}-4{self.hex(3)}-a{self.hex(3)}-{self.hex(12)}"

    def b64(self, nbytes):
        return base64.b64encode(self.rng.randbytes(nbytes)).decode()

    def sentence(self):
        words = [self.rng.choice(PROSE + WORDS) for _ in range(self.rng.randint(6, 18))]
        return " ".join(words).capitalize() + "."

    # --- one block of each kind
    def py(self):
        f, c, k = self.name(), self.pascal(), self.const()
        # About one block in five handles a token, key or password (by reference, not by value).
        choice = self.rng.choices(range(9), [1, 1, 2, 2, 1, 3, 2, 2, 1])[0]
        if choice == 0:
            return (
                f"def {f}(client, {self.word()}, timeout={self.rng.randint(1, 90)}):\n"
                f'    """{self.sentence()}"""\n'
                f"    token = client.session.get_token()\n"
                f"    result = client.{self.word()}({self.word()}, token=token, timeout=timeout)\n"
                f"    if result.status != {self.rng.choice([200, 201, 204])}:\n"
                f'        raise {c}Error(f"{self.word()} failed: {{result.status}}")\n'
                f"    return result.{self.word()}\n\n\n"
            )
        if choice == 1:
            return (
                f"class {c}:\n"
                f"    def __init__(self, settings):\n"
                f"        self.{self.word()} = settings.{k}\n"
                f'        self.password = os.environ.get("{k}_PASSWORD", "")\n'
                f"        self.api_key = settings.{k}_API_KEY\n"
                f"        self.retries = {self.rng.randint(1, 9)}\n\n"
            )
        if choice == 2:
            return (
                f"# {self.sentence()}\n"
                f"{k} = {self.rng.randint(0, 100000)}\n"
                f'{k}_CHECKSUM = "{self.hex(64)}"\n'
                f'{k}_REVISION = "{self.hex(40)}"\n\n'
            )
        if choice == 3:
            return (
                f"    for {self.word()} in {self.word()}s:\n"
                f"        if not {self.word()}.{self.word()}:\n"
                f"            continue\n"
                f"        {self.word()}_map[{self.word()}.id] = {self.word()}\n"
            )
        if choice == 4:
            return (
                f'@pytest.mark.parametrize("{self.word()}", [{self.rng.randint(0, 9)}, {self.rng.randint(10, 99)}])\n'
                f"def test_{f}({self.word()}):\n"
                f"    secret = secrets.token_hex(32)\n"
                f"    assert {self.word()}({self.word()}, secret) == {self.rng.randint(0, 9)}\n\n\n"
            )
        if choice == 5:
            return (
                f"def {f}({self.word()}s, limit={self.rng.randint(10, 500)}):\n"
                f'    """{self.sentence()}"""\n'
                f'    log.debug("{self.word()}: %d {self.word()}s", len({self.word()}s))\n'
                f"    selected = [x for x in {self.word()}s if x.{self.word()} and not x.{self.word()}]\n"
                f"    selected.sort(key=lambda x: (x.{self.word()}, x.id))\n"
                f"    return selected[:limit]\n\n\n"
            )
        if choice == 6:
            return (
                f"@dataclass(frozen=True)\nclass {c}:\n    id: str\n    {self.word()}: int = {self.rng.randint(0, 9)}\n"
                f"    {self.word()}: Optional[str] = None\n"
                f"    {self.word()}_at: datetime = field(default_factory=utcnow)\n\n\n"
            )
        if choice == 7:
            items = ", ".join(f'"{self.word()}": {self.rng.randint(0, 999)}' for _ in range(self.rng.randint(3, 8)))
            return f"{k}_DEFAULTS = {{{items}}}\n\n"
        return f"import {self.word()}\nfrom {self.word()}.{self.word()} import {self.pascal()}, {self.name()}\n"

    def js(self):
        f, c = self.camel(), self.pascal()
        choice = self.rng.choices(range(7), [1, 1, 1, 2, 1, 3, 2])[0]
        if choice == 0:
            return (
                f"export async function {f}(req, res) {{\n"
                f"  const token = req.headers.authorization;\n"
                f"  const {self.word()} = await {self.word()}Service.{self.camel()}(req.params.id, {{ token }});\n"
                f"  if (!{self.word()}) return res.status(404).json({{ error: '{self.word()} not found' }});\n"
                f"  return res.json({{ {self.word()}, count: {self.rng.randint(0, 500)} }});\n}}\n\n"
            )
        if choice == 1:
            return (
                f"// {self.sentence()}\n"
                f"const {self.const()} = process.env.{self.const()}_API_KEY;\n"
                f"const {self.camel()} = require('./{self.word()}/{self.word()}');\n"
            )
        if choice == 2:
            return (
                f"class {c} extends Base{self.pascal()} {{\n"
                f"  constructor(options = {{}}) {{\n"
                f"    super(options);\n"
                f"    this.secret = options.secret || config.{self.word()}.secret;\n"
                f"    this.{self.word()} = new Map();\n  }}\n\n"
                f"  {self.camel()}(key) {{\n    return this.{self.word()}.get(key) ?? null;\n  }}\n}}\n\n"
            )
        if choice == 3:
            return (
                f"describe('{self.word()} {self.word()}', () => {{\n"
                f"  it('{self.sentence()[:-1].lower()}', () => {{\n"
                f"    expect({f}({self.rng.randint(0, 99)})).toEqual({{ id: '{self.uuid()}' }});\n  }});\n}});\n\n"
            )
        if choice == 5:
            return (
                f"export const {f} = ({self.word()}s = [], {{ {self.word()}, limit = {self.rng.randint(5, 100)}"
                f" }} = {{}}) =>\n"
                f"  {self.word()}s\n    .filter((x) => x.{self.word()} !== {self.word()})\n"
                f"    .map((x) => ({{ ...x, {self.word()}: x.{self.word()} ?? {self.rng.randint(0, 9)} }}))\n"
                f"    .slice(0, limit);\n\n"
            )
        if choice == 6:
            return (
                f"export function {c}({{ {self.word()}, on{self.pascal()} }}) {{\n"
                f"  const [{self.word()}, set{c}] = useState(null);\n"
                f"  useEffect(() => {{ on{self.pascal()}?.({self.word()}); }}, [{self.word()}]);\n"
                f'  return <div className="{self.word()}">{{{self.word()}.{self.word()}}}</div>;\n}}\n\n'
            )
        return f"import {{ {self.camel()}, {self.camel()} }} from '../{self.word()}';\n"

    def ts(self):
        c = self.pascal()
        if self.rng.randrange(2):
            return (
                f"export interface {c} {{\n  id: string;\n  {self.word()}: number;\n"
                f"  accessToken?: string;\n  {self.word()}At: Date;\n}}\n\n"
            )
        return (
            f"export const {self.camel()} = async (id: string): Promise<{c}> => {{\n"
            f"  const response = await http.get<{c}>(`/api/{self.word()}s/${{id}}`, {{ headers: authHeaders() }});\n"
            f"  return response.data;\n}};\n\n"
        )

    def go(self):
        c = self.pascal()
        if self.rng.randrange(2):
            return (
                f"// {c} {self.sentence()[0].lower()}{self.sentence()[1:]}\n"
                f"func (s *Server) {c}(ctx context.Context, req *pb.{c}Request) (*pb.{c}Response, error) {{\n"
                f"\ttoken, err := s.auth.TokenFromContext(ctx)\n"
                f"\tif err != nil {{\n"
                f'\t\treturn nil, status.Errorf(codes.Unauthenticated, "{self.word()}: %v", err)\n\t}}\n'
                f"\treturn s.{self.word()}.{self.pascal()}(ctx, token, req.Get{self.pascal()}())\n}}\n\n"
            )
        return (
            f'type {c} struct {{\n\tID        string `json:"id"`\n'
            f'\tPassword  string `json:"-"`\n\t{self.pascal()} int    `json:"{self.word()}"`\n}}\n\n'
        )

    def java(self):
        c = self.pascal()
        return (
            f"    /** {self.sentence()} */\n"
            f"    public {c} {self.camel()}(String {self.word()}Id) throws {c}Exception {{\n"
            f'        String secret = vault.read("{self.word()}/{self.word()}").getData().get("secret");\n'
            f"        return repository.findById({self.word()}Id)"
            f".orElseThrow(() -> new {c}Exception({self.word()}Id));\n"
            f"    }}\n\n"
        )

    def c(self):
        return (
            f"/* {self.sentence()} */\n"
            f"static int {self.name()}(struct {self.word()} *{self.word()}, size_t len)\n{{\n"
            f"\tif (len > {self.rng.choice([64, 128, 4096])})\n\t\treturn -EINVAL;\n"
            f"\tmemcpy(ctx->key, {self.word()}->data, len);\n\treturn 0;\n}}\n\n"
        )

    def md(self):
        choice = self.rng.randrange(20)
        if choice == 0:
            return f"## {self.pascal()} {self.word()}\n\n"
        if choice in (1, 3, 4):
            return (
                f"```bash\nexport {self.const()}_TOKEN=<your token>\n"
                f'curl -H "Authorization: Bearer ${self.const()}_TOKEN"'
                f" https://api.example.com/v1/{self.word()}s\n```\n\n"
            )
        if choice == 2:
            return "```ini\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = eu-west-1\n```\n\n"
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 7))) + "\n\n"

    def yaml(self):
        if self.rng.randrange(2):
            return (
                f"  {self.word()}-{self.word()}:\n    runs-on: ubuntu-latest\n    steps:\n"
                f"      - uses: actions/checkout@{self.hex(40)}\n"
                f"      - run: make {self.word()}\n        env:\n"
                f"          API_TOKEN: ${{{{ secrets.{self.const()}_TOKEN }}}}\n"
                f"          DB_PASSWORD: ${{{{ secrets.DB_PASSWORD }}}}\n"
            )
        return (
            f"{self.word()}:"
            f"\n  image: registry.example.com/{self.word()}:{self.rng.randint(1, 9)}.{self.rng.randint(0, 30)}\n"
            f"  replicas: {self.rng.randint(1, 5)}\n  "
            f"envFrom:\n    - secretRef:\n        name: {self.word()}-credentials\n"
        )

    def json(self):
        pkg = self.word() + "-" + self.word()
        ver = f"{self.rng.randint(0, 9)}.{self.rng.randint(0, 30)}.{self.rng.randint(0, 9)}"
        return (
            f'    "node_modules/{pkg}": {{\n      "version": "{ver}",\n'
            f'      "resolved": "https://registry.npmjs.org/{pkg}/-/{pkg}-{ver}.tgz",\n'
            f'      "integrity": "sha512-{self.b64(64)}",\n      "dev": true\n    }},\n'
        )

    def log(self):
        ts = (
            f"2024-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
            f"T{self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}"
            f".{self.rng.randint(0, 999):03d}Z"
        )
        choice = self.rng.randrange(4)
        if choice == 0:
            return (
                f"{ts} INFO  request_id={self.uuid()} route=/api/{self.word()} "
                f"status=200 took={self.rng.randint(1, 900)}ms\n"
            )
        if choice == 1:
            return f"{ts} DEBUG checkout {self.hex(40)} ({self.word()}/{self.word()}) token=*** user={self.word()}\n"
        if choice == 2:
            return f"{ts} WARN  retry {self.rng.randint(1, 5)}/5 for job {self.uuid()}: {self.sentence()}\n"
        return f"{ts} INFO  cache {self.word()} hit ratio {self.rng.random():.3f} keys={self.rng.randint(0, 99999)}\n"

    def minjs(self):
        parts = []
        for _ in range(self.rng.randint(20, 60)):
            a, b = self.rng.choice(string.ascii_letters), self.rng.choice(string.ascii_letters)
            parts.append(
                self.rng.choice(
                    [
                        f"function {a}{b}({a},{b}){{return {a}.token={b},{a}.{self.word()}({b})}}",
                        f'var {a}="{self.word()}",{b}={{key:{a},{self.word()}:!0,id:"{self.hex(24)}"}};',
                        f"{a}.prototype.{self.camel()}=function({b}){{this.secret=null,this.{self.word()}={b}||[]}};",
                        f"if({a}&&{a}.{self.word()}){{{b}=JSON.parse({a}.{self.word()})}}",
                    ]
                )
            )
        return ";".join(parts)  # one long line; the file is several of them

    def csv(self):
        return f"{self.uuid()},{self.word()},{self.rng.randint(0, 10**6)},{self.rng.random():.6f},{self.hex(32)}\n"

    def html(self):
        if self.rng.randrange(3) == 0:
            return f'<img alt="{self.word()}" src="data:image/png;base64,{self.b64(self.rng.randint(600, 3000))}">\n'
        return f'<div class="{self.word()}-{self.word()}"><p>{self.sentence()}</p></div>\n'

    def pool(self, kind):
        if kind not in self.pools:
            make = getattr(self, kind)
            count = 400 if kind in ("minjs", "html") else 3000
            blocks = [make() for _ in range(count)]
            if kind == "minjs":
                blocks = [b + "\n" for b in blocks]
            self.pools[kind] = blocks
        return self.pools[kind]


# kind, extension, share of the bytes, whether it can be one of the big files
KINDS = [
    ("py", ".py", 17, False),
    ("js", ".js", 12, False),
    ("ts", ".ts", 6, False),
    ("go", ".go", 8, False),
    ("java", ".java", 8, False),
    ("c", ".c", 6, False),
    ("md", ".md", 8, False),
    ("yaml", ".yml", 5, False),
    ("json", ".json", 10, True),
    ("log", ".log", 8, True),
    ("minjs", ".min.js", 5, True),
    ("csv", ".csv", 4, True),
    ("html", ".html", 3, False),
]
TOP = ["services", "web", "libs", "tools", "docs", "deploy", "data", "vendor", "tests", "scripts"]


def rand_token(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def make_secrets(rng):
    """One credential of each planted kind, as blocks of lines to insert: (lines, records), where a
    record is (Slipway's rule, index of the block's line where the match starts, index of the line
    holding the secret, the secret)."""
    digits, b64 = string.digits, ALNUM + "+/"

    def one_line(rule, text, secret):
        return [text], [(rule, 0, 0, secret)]

    key_id = "AKIA" + rand_token(rng, string.ascii_uppercase + digits, 16)
    # Ends in a letter or digit: secretlint's AWS rule wants a word boundary after the key.
    aws_secret = rand_token(rng, b64, 39) + rand_token(rng, ALNUM, 1)
    github = "ghp_" + rand_token(rng, ALNUM, 36)
    slack = f"xoxb-{rand_token(rng, digits, 12)}-{rand_token(rng, digits, 13)}-{rand_token(rng, ALNUM, 24)}"
    npm = "npm_" + rand_token(rng, ALNUM, 36)
    stripe = "sk_live_" + rand_token(rng, ALNUM, 32)
    sendgrid = f"SG.{rand_token(rng, ALNUM, 22)}.{rand_token(rng, ALNUM, 43)}"
    # A PKCS#1 RSA key starts with the DER header "MIIE..." (secretlint checks for it).
    pem = ["MIIEowIBAAKCAQEA" + rand_token(rng, b64, 48)] + [rand_token(rng, b64, 64) for _ in range(23)]
    pg_password = rand_token(rng, ALNUM, 20)
    return [
        # The access key ID with its secret, as in ~/.aws/credentials or a settings file.
        (
            [f'AWS_ACCESS_KEY_ID = "{key_id}"', f'aws_secret_access_key = "{aws_secret}"'],
            [("secret/aws-access-key-id", 0, 0, key_id), ("secret/aws-secret-access-key", 1, 1, aws_secret)],
        ),
        one_line("secret/github-pat", f'GITHUB_TOKEN = "{github}"', github),
        one_line("secret/slack-bot-token", f'slack_client = WebClient("{slack}")', slack),
        one_line("secret/npm-access-token", f"//registry.npmjs.org/:_authToken={npm}", npm),
        one_line("secret/stripe-live-secret-key", f'stripe.api_key = "{stripe}"', stripe),
        one_line("secret/sendgrid-api-key", f'const mailer = sendgrid("{sendgrid}");', sendgrid),
        (
            ["-----BEGIN RSA " + "PRIVATE KEY-----"] + pem + ["-----END RSA " + "PRIVATE KEY-----"],
            [("secret/private-key", 0, 1, pem[0])],
        ),
        one_line(
            "secret/postgres-uri-password",
            f'DATABASE_URL = "postgres://app:{pg_password}@db.internal:5432/orders"',
            pg_password,
        ),
    ]


def write_tree(root, megabytes, planted_path):
    rng = random.Random(20240501)
    blocks = Blocks(rng)
    total = megabytes * 1024 * 1024
    weights = [k[2] for k in KINDS]
    files = []  # (path, kind, size)
    budget = total
    n = 0
    # A few big files first (about 6 % of the bytes), then the long tail.
    big_budget = total * 6 // 100
    while big_budget > 0:
        kind = rng.choice([k for k in KINDS if k[3]])
        size = min(rng.randint(1, 8) * 1024 * 1024, big_budget)
        files.append((os.path.join("data", f"big{n}{kind[1]}"), kind[0], size))
        big_budget -= size
        budget -= size
        n += 1
    while budget > 0:
        kind = rng.choices(KINDS, weights)[0]
        size = min(int(rng.lognormvariate(8.9, 1.0)) + 200, 256 * 1024, budget)
        folder = os.path.join(rng.choice(TOP), rng.choice(WORDS), rng.choice(WORDS[:12]))
        files.append((os.path.join(folder, f"{rng.choice(WORDS)}_{n}{kind[1]}"), kind[0], size))
        budget -= size
        n += 1
    # Each planted kind goes into two files: a small one and, where there is one, a big one.
    secrets = make_secrets(rng) + make_secrets(rng)
    small = [i for i, f in enumerate(files) if f[2] < 1024 * 1024 and f[1] in ("py", "js", "ts", "go", "yaml", "md")]
    big = [i for i, f in enumerate(files) if f[2] >= 1024 * 1024 and f[1] != "minjs"]
    targets = rng.sample(small, len(secrets) // 2) + [rng.choice(big or small) for _ in range(len(secrets) // 2)]
    plant_at = {}
    for target, secret in zip(targets, secrets):
        plant_at.setdefault(target, []).append(secret)
    planted = []
    for i, (path, kind, size) in enumerate(files):
        pool = blocks.pool(kind)
        chunks, length = [], 0
        while length < size:
            chunk = rng.choice(pool)
            chunks.append(chunk)
            length += len(chunk)
        for lines, records in plant_at.get(i, []):
            pos = rng.randrange(len(chunks) + 1)
            line = 1 + sum(c.count("\n") for c in chunks[:pos])
            chunks.insert(pos, "\n".join(lines) + "\n")
            # Lines after this insertion move: fix what was planted in this file before.
            planted = [
                (r, p, a + len(lines), b + len(lines), s) if p == path and a >= line else (r, p, a, b, s)
                for r, p, a, b, s in planted
            ]
            planted += [(rule, path, line + first, line + at, secret) for rule, first, at, secret in records]
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as out:
            out.write("".join(chunks))
    with open(planted_path, "w") as out:
        for fields in planted:
            out.write("\t".join(str(f) for f in fields) + "\n")


def write_history(commits, planted_path):
    """A fast-import stream: an initial commit of 300 files, then COMMITS-1 commits that each edit
    one to four files (replace or add a block), now and then add or delete one. Three sets of the planted
    credentials (27 secrets in 24 blocks) are added by commits spread over the history; every
    other block is removed again by a later commit."""
    rng = random.Random(20240502)
    blocks = Blocks(rng)
    kinds = [k for k in KINDS if k[0] not in ("log", "minjs", "csv", "html")]
    weights = [k[2] for k in kinds]
    files = {}  # path -> (kind, list of blocks); a planted block is a tuple (lines, records)
    out = sys.stdout.buffer

    def new_file(n):
        kind = rng.choices(kinds, weights)[0]
        size = min(int(rng.lognormvariate(8.6, 0.9)) + 200, 96 * 1024)
        chunks, length = [], 0
        while length < size:
            chunks.append(rng.choice(blocks.pool(kind[0])))
            length += len(chunks[-1])
        folder = os.path.join(rng.choice(TOP), rng.choice(WORDS))
        return os.path.join(folder, f"{rng.choice(WORDS)}_{n}{kind[1]}"), (kind[0], chunks)

    def render(chunks):
        return "".join(c if isinstance(c, str) else "\n".join(c[0]) + "\n" for c in chunks).encode()

    for n in range(300):
        path, content = new_file(n)
        files[path] = content
    secrets = make_secrets(rng) + make_secrets(rng) + make_secrets(rng)
    plant_commits = sorted(rng.sample(range(50, commits * 9 // 10), len(secrets)))
    planted = []  # [rule, path, first line, secret line, secret, mark, removing mark]
    removals = {}  # commit index -> [(path, planted block, indices into planted)]
    when = 1700000000
    for c in range(commits):
        changed = set()
        if c == 0:
            changed = set(files)
        else:
            for path in rng.sample(sorted(files), rng.randint(1, 4)):
                kind, chunks = files[path]
                free = [i for i, ch in enumerate(chunks) if isinstance(ch, str)]
                if rng.randrange(3) and free:
                    chunks[rng.choice(free)] = rng.choice(blocks.pool(kind))
                else:
                    chunks.insert(rng.randrange(len(chunks) + 1), rng.choice(blocks.pool(kind)))
                changed.add(path)
            if rng.randrange(12) == 0:
                path, content = new_file(commits + c)
                files[path] = content
                changed.add(path)
        deleted = []
        if c > 0 and rng.randrange(40) == 0:
            candidates = [p for p in files if p not in changed and not any(p == pl[1] for pl in planted)]
            if candidates:
                deleted.append(rng.choice(sorted(candidates)))
                del files[deleted[0]]
        while plant_commits and plant_commits[0] == c:
            plant_commits.pop(0)
            block = secrets.pop(0)
            lines, records = block
            path = rng.choice(sorted(p for p in files if files[p][0] in ("py", "js", "go", "yaml", "md")))
            kind, chunks = files[path]
            pos = rng.randrange(len(chunks) + 1)
            line = 1 + sum((ch.count("\n") if isinstance(ch, str) else len(ch[0])) for ch in chunks[:pos])
            chunks.insert(pos, block)
            changed.add(path)
            first = len(planted)
            planted += [[rule, path, line + a, line + b, secret, c + 1, 0] for rule, a, b, secret in records]
            if len(secrets) % 2 == 0:  # every other block is removed again by a later commit
                removals.setdefault(rng.randint(c + 1, commits - 1), []).append(
                    (path, block, range(first, len(planted)))
                )
        for path, block, indices in removals.pop(c, []):
            kind, chunks = files[path]
            files[path] = (kind, [ch for ch in chunks if ch is not block])
            changed.add(path)
            for index in indices:
                planted[index][6] = c + 1
        when += rng.randint(60, 7200)
        message = f"{rng.choice(['fix', 'feat', 'refactor', 'docs', 'test', 'chore'])}: {blocks.sentence()}\n".encode()
        out.write(b"commit refs/heads/main\n")
        out.write(f"mark :{c + 1}\n".encode())
        out.write(f"author Dev {c % 17} <dev{c % 17}@example.com> {when} +0000\n".encode())
        out.write(f"committer Dev {c % 17} <dev{c % 17}@example.com> {when} +0000\n".encode())
        out.write(f"data {len(message)}\n".encode() + message)
        for path in deleted:
            out.write(f"D {path}\n".encode())
        for path in sorted(changed):
            data = render(files[path][1])
            out.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        if c % 1000 == 999:
            out.write(f"reset refs/tags/v{c // 1000 + 1}.0.0\nfrom :{c + 1}\n\n".encode())
    with open(planted_path, "w") as listing:
        for fields in planted:
            listing.write("\t".join(str(f) for f in fields) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "tree":
        write_tree(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "history":
        write_history(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)
