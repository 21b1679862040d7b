import { startZooKeeper } from '../testing/servers'
import { registryContract } from './contract'

// A short tick lets ZooKeeper accept 2 s sessions and expire them promptly.
registryContract('zookeeper', () => startZooKeeper({ tickMs: 500 }))
