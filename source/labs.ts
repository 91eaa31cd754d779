/** Every lab the app knows, by the name lessons use in `lab:`. */
import type {AnyLab} from './app/hooks/use-lab-session.js';
import {tcpLab} from './models/tcp/lab.js';
import {tlsLab} from './models/tls/lab.js';

export const LABS: Record<string, AnyLab> = {tcp: tcpLab, tls: tlsLab};
