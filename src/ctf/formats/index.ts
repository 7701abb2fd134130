// The CTF file formats (spec ctf.md §1.8): matrix files (.npy, .npz, .mat, .csv), the data set YAML,
// the Kaggle submission CSV, and the atomic write every writer goes through.
export { type AtomicWriteOptions, type FileContents, writeFileAtomic } from "./atomic-write.ts";
export {
  type CsvReadOptions,
  type CsvRecord,
  type CsvTable,
  type CsvWriteOptions,
  csvCellError,
  csvCellWhere,
  csvChunks,
  csvNumber,
  csvQuote,
  csvRecords,
  formatCsv,
  parseCsv,
  parseCsvNumber,
  readCsv,
  writeCsv,
} from "./csv.ts";
export {
  DATASET_TYPES,
  type DatasetConfig,
  type DatasetMetadata,
  type DatasetPair,
  type DatasetType,
  type EvaluationParams,
  formatDatasetYaml,
  LONG_TIME_EVALUATIONS,
  type LongTimeEvaluation,
  METRIC_NAMES,
  type MetricName,
  parseDatasetYaml,
  readDatasetYaml,
  validateDatasetConfig,
  writeDatasetYaml,
} from "./dataset-yaml.ts";
export {
  formatKaggleCsv,
  KAGGLE_ID_COLUMNS,
  type KagglePairPrediction,
  type KaggleReadOptions,
  type KaggleSubmission,
  kaggleCsvChunks,
  kaggleFeatureColumns,
  kaggleRowId,
  parseKaggleCsv,
  readKaggleCsv,
  writeKaggleCsv,
} from "./kaggle-csv.ts";
export {
  decodeMat5,
  defaultMatVariableName,
  encodeMat5,
  type Mat5Variable,
  readMat5,
  readMat5Variables,
  writeMat5,
} from "./mat5.ts";
export {
  MATRIX_EXTENSIONS,
  type MatrixExtension,
  type MatrixFileOptions,
  matrixExtension,
  readMatrix,
  writeMatrix,
} from "./matrix-file.ts";
export { matFromArray, readNpy, readNpyArray, writeNpy } from "./npy-file.ts";
export {
  decodeNpz,
  encodeNpz,
  type NpzArrayInput,
  type NpzEntry,
  readNpz,
  readNpzArrays,
  writeNpz,
} from "./npz.ts";
export { readFileBytes } from "./read-file.ts";
