/** Every lab's lines in Chinese (see ../lab-text.ts). A TLS line that quotes a TCP one is translated by the TLS rules, then the TCP ones. */
import {translator} from '../lab-text.js';
import {TCP_ZH} from './tcp.zh.js';
import {TLS_ZH} from './tls.zh.js';

export const labTextZh = translator([...TLS_ZH, ...TCP_ZH]);
