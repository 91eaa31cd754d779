/**
 * Certificate chain verification for the CLI (`synack cert verify`) and the TUI walk-through:
 * parse PEM text into certificates, then `verifyChain` gives the chain it built (leaf first,
 * with each certificate's details) and every check as an ordered step. node:crypto only.
 */
export {certificatesFromPem, PemError, pemBlocks} from './pem.js';
export {ERROR_ORDER, isHostName, verifyChain} from './verify.js';
export type {ChainEntry, CheckName, SourcedCertificate, Step, Verification, VerifyError, VerifyInput} from './verify.js';
export {certificateFrom, isoTime, parseCertificateDer} from './x509.js';
export type {AltName, Certificate, CertificateDetails, CertificateFields, DistinguishedName, PublicKeyInfo} from './x509.js';
