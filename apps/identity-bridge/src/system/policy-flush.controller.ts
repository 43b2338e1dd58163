import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SystemRoute } from '@sentinel/permission';
import { PolicyFlushDto, type PolicyFlushResult } from './policy-flush.dto';
import { PolicyFlushService } from './policy-flush.service';

@ApiTags('system')
@ApiBearerAuth()
@Controller('system/policies')
export class PolicyFlushController {
  constructor(private readonly flushes: PolicyFlushService) {}

  @Post('flush')
  @SystemRoute()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Flush the tenant's cached policies (or one user's cache) on every service. System token only." })
  flush(@Body() body: PolicyFlushDto): Promise<PolicyFlushResult> {
    return this.flushes.flush(body);
  }
}
