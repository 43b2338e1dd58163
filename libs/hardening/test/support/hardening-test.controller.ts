import { Body, Controller, ForbiddenException, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import {
  assertDistinctExisting,
  assertRelatedType,
  IsRelatedType,
  ListRoute,
  PaginationQueryDto,
  pageWindow,
  parseSort,
  RelatedType,
  SortQuery,
  UploadRejectedError,
} from '../../src';

export class DealsListQuery extends SortQuery(['created_at', 'amount', 'name'], '-created_at') {}

export class LinkDto {
  @IsRelatedType()
  related_type!: RelatedType;

  @IsString()
  note!: string;
}

export class TagSyncDto {
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  tag_ids!: string[];
}

export const EXISTING_TAG_IDS = ['t1', 't2', 't3'];

/** Routes exercising every hardening helper the way a service controller would use it. */
@Controller()
export class HardeningTestController {
  @Get('deals')
  @ListRoute(DealsListQuery)
  listDeals(@Query() query: DealsListQuery) {
    return { query, window: pageWindow(query), order: parseSort(query.sort) };
  }

  @Get('contacts')
  @ListRoute(PaginationQueryDto)
  listContacts(@Query() query: PaginationQueryDto) {
    return { query };
  }

  @Post('links')
  link(@Body() dto: LinkDto) {
    return dto;
  }

  @Get('links/:relatedType')
  linksOf(@Param('relatedType') relatedType: string) {
    return { related_type: assertRelatedType(relatedType) };
  }

  @Put('tags')
  syncTags(@Body() dto: TagSyncDto) {
    assertDistinctExisting(dto.tag_ids, EXISTING_TAG_IDS);
    return { tag_ids: dto.tag_ids };
  }

  @Post('crash')
  crash(): never {
    throw new Error('connection to db failed for user=alice password=hunter2');
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenException();
  }

  @Post('upload')
  upload(): never {
    throw new UploadRejectedError('too_large');
  }
}
