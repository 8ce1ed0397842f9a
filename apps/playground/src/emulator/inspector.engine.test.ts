import { useDemoEmulator } from '../../test/support/demo-emulator.ts';
import { describeInspectorContract } from '../../test/support/inspector-contract.ts';
import { inPageConnection } from '../connection/connect.ts';

// The page's worker mode, with MSW's setupServer in place of the service worker.
const mock = useDemoEmulator();
describeInspectorContract('the engine in the page', () => inPageConnection(mock.engine));
