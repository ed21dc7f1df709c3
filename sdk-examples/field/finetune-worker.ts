// Fine-tuning worker of the field recorder: trains and saves in IndexedDB off the page's thread.
import { exposeFineTuner } from 'scl-wear/advanced';

exposeFineTuner(self as never);
