/** Real PubMed and E-utilities data lives beside the repository, never inside it (../shared/fixtures). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = resolve(REPO_ROOT, '..', 'shared', 'fixtures');
export const PUBMED_FIXTURES = join(FIXTURES, 'pubmed');
export const EUTILS_FIXTURES = join(FIXTURES, 'eutils');
