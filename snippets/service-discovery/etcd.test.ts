import { startEtcd } from '../testing/servers'
import { registryContract } from './contract'

registryContract('etcd', startEtcd)
