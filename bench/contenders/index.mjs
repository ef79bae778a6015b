import { awsLocalStepFunctions } from './aws-local-stepfunctions.mjs';
import { fogbankExpress, fogbankExpressJsonata, fogbankStandard, fogbankStandardJsonata } from './fogbank.mjs';
import { syncCopies, syncFloor } from './floor.mjs';
import { handWritten } from './hand-written.mjs';

/** Every contender; the first is the reference whose output the others must equal. */
export const contenders = [handWritten, awsLocalStepFunctions, fogbankExpress, fogbankStandard, fogbankExpressJsonata, fogbankStandardJsonata, syncFloor, syncCopies];
