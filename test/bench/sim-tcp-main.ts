import {benchSimTcp} from './sim-tcp.js';

console.log(JSON.stringify({json: benchSimTcp('json', 7), yaml: benchSimTcp('yaml', 7)}));
