/** npm run docs:screenshot: docs/images/lab-waterfall.png, the /lab page as the README shows it (see takeLabScreenshot). */
import { runCommand } from '../../src/cli';
import { LAB_SCREENSHOT, takeLabScreenshot } from '../page/lab-screenshot';

const SCREENSHOT_COMMAND = {
  name: 'docs:screenshot',
  summary:
    'Starts the API on a fresh SQLite database, opens /lab in Chromium ($CHROMIUM_PATH, default /usr/bin/chromium),\n' +
    'runs the README query under naive, batched and joined, and saves the waterfalls as a PNG.',
  flags: {
    out: { value: 'FILE', default: LAB_SCREENSHOT, meaning: 'where to write the PNG' },
  },
};

runCommand(SCREENSHOT_COMMAND, async (values) => {
  await takeLabScreenshot(values.out);
  console.log(`wrote ${values.out}`);
});
